"""The Redis task queue that loses no task when its consumer dies (rapport.core.task_queue),
against the local Redis's database 14, each test under a queue name of its own."""

import uuid

import pytest
import redis
from django.core import mail

from rapport.core.task_queue import ReliableRedisHuey, done_before, mark_done

REDIS_URL = "redis://127.0.0.1:6379/14"


@pytest.fixture
def make_huey():
    made = []

    def make(**kwargs) -> ReliableRedisHuey:
        name = made[0].name if made else f"test-{uuid.uuid4().hex}"
        huey = ReliableRedisHuey(name, url=REDIS_URL, read_timeout=0.1, **kwargs)
        made.append(huey)
        return huey

    yield make
    for huey in made:
        huey.storage.stop_heartbeat()
    if made:
        made[0].storage.flush_all()
        connection = redis.Redis.from_url(REDIS_URL)
        for key in connection.scan_iter(f"huey.alive.{made[0].storage.name}.*"):
            connection.delete(key)


def register(huey, runs: list):
    @huey.task()
    def remember(value):
        runs.append(value)
        return value

    return remember


def test_a_taken_task_stays_held_until_it_has_run(make_huey):
    huey, runs = make_huey(), []
    remember = register(huey, runs)
    remember("hello")
    task = huey.dequeue()
    assert huey.storage.queue_size() == 0
    assert len(huey.storage.processing_items()) == 1
    huey.execute(task)
    assert runs == ["hello"]
    assert huey.storage.processing_items() == []


def test_a_task_whose_consumer_died_runs_again_on_another(make_huey):
    dead, runs = make_huey(), []
    register(dead, runs)("lost?")
    dead.dequeue()  # taken, never finished: the consumer "dies" here
    dead.storage.stop_heartbeat()
    redis.Redis.from_url(REDIS_URL).delete(dead.storage.alive_key_of(dead.storage.consumer_id))
    survivor = make_huey()
    register(survivor, runs)
    task = survivor.dequeue()  # its first dequeue recovers what the dead consumer held
    assert task is not None
    survivor.execute(task)
    assert runs == ["lost?"]
    assert survivor.storage.processing_items() == []
    assert survivor.storage.queue_size() == 0


def test_a_living_consumers_tasks_are_left_alone(make_huey):
    busy, runs = make_huey(), []
    register(busy, runs)("mine")
    busy.dequeue()
    other = make_huey()
    assert other.storage.beat() == 0
    assert other.storage.queue_size() == 0
    assert len(other.storage.processing_items()) == 1


def test_a_failed_task_leaves_only_its_retry_behind(make_huey):
    huey = make_huey()
    attempts = []

    @huey.task(retries=1)
    def flaky():
        attempts.append(1)
        raise ValueError("not this time")

    flaky()
    huey.execute(huey.dequeue())
    assert huey.storage.queue_size() == 1  # the retry, a new message
    huey.execute(huey.dequeue())
    assert len(attempts) == 2
    assert huey.storage.processing_items() == []
    assert huey.storage.queue_size() == 0


def test_a_message_that_cannot_be_read_is_not_kept(make_huey):
    huey = make_huey()
    huey.storage.enqueue(b"not a task")
    with pytest.raises(Exception):  # noqa: B017 - whatever the serializer raises
        huey.dequeue()
    assert huey.storage.processing_items() == []


def test_an_email_rerun_after_a_crash_is_not_sent_twice(settings):
    from rapport.core.tasks import send_email

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    task = send_email.s(subject="Hello", body="Once.", to=["a@example.test"])
    assert not done_before(task)
    task.execute()
    task.execute()  # the same message again, as after its consumer died
    assert len(mail.outbox) == 1
    assert done_before(task)


def test_marking_done_is_per_message():
    first, second = object.__new__(_FakeTask), object.__new__(_FakeTask)
    first.id, second.id = uuid.uuid4().hex, uuid.uuid4().hex
    mark_done(first)
    assert done_before(first)
    assert not done_before(second)


class _FakeTask:
    id: str


def test_a_fan_out_run_again_emails_whom_it_told_before_dying(cast):
    # The first run made the learner's notification and died before queueing its email.
    from rapport.core.kinds import NotificationKind
    from rapport.core.models import Notification
    from rapport.courses.announcements import tell_learners_once

    cast.learner.preferred_channel = "email"
    cast.learner.save(update_fields=["preferred_channel"])
    told = {"course": cast.course, "kind": NotificationKind.EVENT_ANNOUNCED, "url": "/e/1/"}
    Notification.objects.create(recipient=cast.learner, title="Game night", **told)
    tell_learners_once(title="Game night", **told)
    tell_learners_once(title="Game night", **told)
    to_learner = [m for m in mail.outbox if m.to == [cast.learner.email]]
    assert len(to_learner) == 1
    assert Notification.objects.filter(recipient=cast.learner, **told).count() == 1

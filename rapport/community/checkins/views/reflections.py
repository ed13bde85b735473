"""Weekly reflections: the list, one prompt (a learner's answer, or staff reading every
answer), writing and editing prompts, and staff replying to one learner's answer."""

from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from rapport.community.checkins import selectors, services
from rapport.community.checkins.forms import (
    ReflectionAnswerForm,
    ReflectionPromptForm,
    ReflectionReplyForm,
)
from rapport.core.audit import staff_read_record
from rapport.core.kinds import SensitiveReadKind
from rapport.core.paging import page_of
from rapport.core.refusals import Refused
from rapport.courses.access import STAFF, course_access
from rapport.groups import selectors as groups

# Answers on one page of a prompt, for staff (with a reply box each).
ANSWERS_PER_PAGE = 30


def _prompt_or_404(request, prompt_id: int):
    prompt = selectors.prompt_for(
        course=request.course,
        prompt_id=prompt_id,
        is_staff=request.membership.is_staff,
        now=timezone.now(),
    )
    if prompt is None:
        raise Http404("No such reflection.")
    return prompt


@course_access()
@require_safe
def reflections(request):
    if request.membership.is_staff:
        context = {
            "prompts": selectors.prompts_for_staff(course=request.course),
            "learner_count": selectors.learner_count(course=request.course),
        }
        return render(request, "community/checkins/reflections_staff.html", context)
    context = {
        "prompts": selectors.reflections_for_learner(
            course=request.course, learner=request.user, now=timezone.now()
        )
    }
    return render(request, "community/checkins/reflections.html", context)


@course_access()
@require_http_methods(["GET", "POST"])
def reflection_prompt(request, prompt_id: int):
    prompt = _prompt_or_404(request, prompt_id)
    if request.membership.is_staff:
        if request.method == "POST":
            return HttpResponseNotAllowed(["GET"])
        return _prompt_for_staff(request, prompt)
    form = ReflectionAnswerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            _, created = services.reflection_answer_save(
                prompt=prompt, learner=request.user, text=form.cleaned_data["text"]
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(
                request,
                "Thank you — your reflection is saved." if created else "Your changes are saved.",
            )
            return redirect(request.path + "#my-answer")
    answer = selectors.my_answer(prompt=prompt, learner=request.user)
    if not form.is_bound and answer is not None:
        form = ReflectionAnswerForm(initial={"text": answer.text})
    context = {"prompt": prompt, "answer": answer, "form": form, "is_open": prompt.is_open()}
    if answer is not None:
        context["share_with"] = groups.sharing_places(
            course=request.course, user=request.user, answer=answer
        )
    return render(request, "community/checkins/prompt.html", context)


def _prompt_for_staff(request, prompt):
    answers = selectors.prompt_answers(prompt=prompt)
    staff_read_record(
        request,
        kind=SensitiveReadKind.PROMPT_ANSWERS,
        learners=selectors.answers_of(prompt=prompt),
        about=prompt.text,
    )
    context = {
        "prompt": prompt,
        "answers": answers,
        "page": page_of(answers.answered, request, per_page=ANSWERS_PER_PAGE),
        "reply_form": ReflectionReplyForm(),
    }
    return render(request, "community/checkins/prompt_staff.html", context)


@course_access(STAFF)
@require_http_methods(["GET", "POST"])
def reflection_prompt_new(request):
    form = ReflectionPromptForm(
        request.POST if request.method == "POST" else None, course=request.course
    )
    if request.method == "POST" and form.is_valid():
        try:
            prompt = services.reflection_prompt_create(
                course=request.course, author=request.user, **form.cleaned_data
            )
        except Refused as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            messages.success(
                request,
                "Your prompt is open. Learners are being told now."
                if prompt.is_open()
                else "Your prompt is scheduled. Learners will be told when it opens.",
            )
            return redirect("community:reflection_prompt", request.course.slug, prompt.pk)
    return render(request, "community/checkins/prompt_form.html", {"form": form})


@course_access(STAFF)
@require_http_methods(["GET", "POST"])
def reflection_prompt_edit(request, prompt_id: int):
    prompt = _prompt_or_404(request, prompt_id)
    initial = {"text": prompt.text, "opens_at": prompt.opens_at, "closes_at": prompt.closes_at}
    form = ReflectionPromptForm(
        request.POST if request.method == "POST" else None, course=request.course, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.reflection_prompt_update(
                prompt=prompt, editor=request.user, **form.cleaned_data
            )
        except Refused as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            messages.success(request, "Your changes to the prompt are saved.")
            return redirect("community:reflection_prompt", request.course.slug, prompt.pk)
    return render(request, "community/checkins/prompt_form.html", {"form": form, "prompt": prompt})


@course_access(STAFF)
@require_http_methods(["GET", "POST"])
def reflection_answer(request, prompt_id: int, user_id: int):
    """One learner's answer with its replies; POST adds a private reply. htmx gets the
    answer's card back, a plain form post a redirect to the prompt page."""
    prompt = _prompt_or_404(request, prompt_id)
    answer = selectors.answer_for_staff(prompt=prompt, learner_id=user_id)
    member = selectors.learner_in_course(course=request.course, user_id=user_id)
    if answer is None or member is None:
        raise Http404("No such answer.")
    form = ReflectionReplyForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            reply = services.reflection_reply_add(
                answer=answer, author=request.user, text=form.cleaned_data["text"]
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            if not request.htmx:
                messages.success(
                    request, f"Your reply is on its way to {member.user.display_name}."
                )
                url = reverse("community:reflection_prompt", args=[request.course.slug, prompt.pk])
                return redirect(f"{url}#reply-{reply.pk}")
            answer = selectors.answer_for_staff(prompt=prompt, learner_id=user_id)
            form = ReflectionReplyForm()
    # Every response that shows the answer leaves an audit row (a redirect shows nothing).
    staff_read_record(
        request, kind=SensitiveReadKind.REFLECTION, learner=member.user, about=prompt.text
    )
    member.answer = answer
    context = {"prompt": prompt, "member": member, "reply_form": form}
    if request.htmx:
        return render(request, "community/checkins/_answer_staff.html", context)
    return render(request, "community/checkins/answer.html", context)

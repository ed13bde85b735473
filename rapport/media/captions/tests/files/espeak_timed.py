"""Speak a sentence with libespeak-ng and write the audio (22.05 kHz mono WAV) and, as JSON,
the time each word starts and ends — taken from the synthesizer's own events.

Why these times can be trusted: espeak-ng is a formant synthesizer; it builds the waveform
phoneme by phoneme and reports, for every word and phoneme, the sample position at which
it began writing it (``audio_position``, in ms of the output stream). Nothing is estimated
after the fact. A word starts at its WORD event and ends where the next pause phoneme
("_") or the next word starts, whichever comes first.

Only make_clips.sh runs this (it needs espeak-ng installed); tests read its JSON.

    python espeak_timed.py VOICE "TEXT" OUT.wav OUT.json

The audio gets half a second of silence before and after, as a person leaves around
what they say; the times count from the start of the padded file.
"""

import ctypes
import json
import re
import sys
import wave

AUDIO_OUTPUT_SYNCHRONOUS = 2
INITIALIZE_PHONEME_EVENTS = 0x0001
POS_CHARACTER = 1
CHARS_UTF8 = 1
PAD_SECONDS = 0.5
EVENT_LIST_TERMINATED, EVENT_WORD, EVENT_END, EVENT_PHONEME = 0, 1, 5, 7


class _Id(ctypes.Union):
    _fields_ = [("number", ctypes.c_int), ("name", ctypes.c_char_p), ("string", ctypes.c_char * 8)]


class _Event(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("unique_identifier", ctypes.c_uint),
        ("text_position", ctypes.c_int),
        ("length", ctypes.c_int),
        ("audio_position", ctypes.c_int),
        ("sample", ctypes.c_int),
        ("user_data", ctypes.c_void_p),
        ("id", _Id),
    ]


_CALLBACK = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.POINTER(_Event)
)


def synthesize(voice: str, text: str, speed: int = 160):
    lib = ctypes.CDLL("libespeak-ng.so.1")
    rate = lib.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 500, None, INITIALIZE_PHONEME_EVENTS)
    samples: list[bytes] = []
    events: list[tuple[int, int, int, int, bytes]] = []

    def collect(wav, count, event_array):
        if count > 0:
            samples.append(ctypes.string_at(wav, count * 2))
        index = 0
        while event_array[index].type != EVENT_LIST_TERMINATED:
            event = event_array[index]
            phoneme = event.id.string if event.type == EVENT_PHONEME else b""
            events.append(
                (event.type, event.audio_position, event.text_position, event.length, phoneme)
            )
            index += 1
        return 0

    callback = _CALLBACK(collect)
    lib.espeak_SetSynthCallback(callback)
    if lib.espeak_SetVoiceByName(voice.encode()) != 0:
        raise SystemExit(f"espeak-ng has no voice {voice!r}")
    lib.espeak_SetParameter(1, speed, 0)  # espeakRATE, words a minute
    encoded = text.encode("utf-8")
    lib.espeak_Synth(encoded, len(encoded) + 1, 0, POS_CHARACTER, 0, CHARS_UTF8, None, None)
    lib.espeak_Synchronize()
    audio = b"".join(samples)
    return rate, audio, events


def word_times(events, text: str, duration: float) -> list[dict]:
    """Times for each whitespace-separated word of ``text``. espeak-ng speaks some short
    function words together with a neighbour ("with the") and reports one WORD event for
    both; the word without its own event shares its neighbour's span and says so."""
    spans = []  # (first character, start, end) per WORD event
    for index, (kind, position, text_position, _, _) in enumerate(events):
        if kind != EVENT_WORD:
            continue
        end = duration
        for later_kind, later_position, _, _, phoneme in events[index + 1 :]:
            if later_kind == EVENT_WORD or (
                later_kind == EVENT_PHONEME
                and phoneme.startswith(b"_")
                and later_position > position
            ):
                end = later_position / 1000
                break
        spans.append((text_position - 1, position / 1000, end))  # text_position counts from 1
    words = []
    for match in re.finditer(r"\S+", text):
        own = [span for span in spans if match.start() <= span[0] < match.end()]
        if own:
            _, start, end = own[0]
            words.append({"word": match.group(), "start": start, "end": end})
        else:
            earlier = [span for span in spans if span[0] < match.start()]
            _, start, end = earlier[-1] if earlier else spans[0]
            words.append({"word": match.group(), "start": start, "end": end, "shared": True})
    for word in words:
        word["start"], word["end"] = round(word["start"], 3), round(word["end"], 3)
    return words


def main() -> None:
    voice, text, wav_path, json_path = sys.argv[1:5]
    rate, audio, events = synthesize(voice, text)
    padding = bytes(2 * round(PAD_SECONDS * rate))
    with wave.open(wav_path, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(padding + audio + padding)
    words = word_times(events, text, len(audio) / 2 / rate)
    for word in words:
        word["start"] = round(word["start"] + PAD_SECONDS, 3)
        word["end"] = round(word["end"] + PAD_SECONDS, 3)
    duration = (len(audio) + 2 * len(padding)) / 2 / rate
    with open(json_path, "w", encoding="utf-8") as out:
        json.dump(
            {"voice": voice, "text": text, "duration": round(duration, 3), "words": words},
            out,
            indent=1,
            ensure_ascii=False,
        )
        out.write("\n")


if __name__ == "__main__":
    main()

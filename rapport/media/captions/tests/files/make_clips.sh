#!/bin/sh
# Regenerates the speech fixtures and their reference word times (see README.md).
# Needs espeak-ng and sox (Debian: apt-get install -y espeak-ng sox); the tests need neither.
set -eu
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# name, voice, text
speak() {
    python3 espeak_timed.py "$2" "$3" "$work/$1.wav" "$1.json"
    # 16 kHz mono, as the aligner hears it; Ogg Vorbis keeps the files small.
    sox "$work/$1.wav" -r 16000 -c 1 -C 2 "$1.ogg"
}

speak checkin en-us "Welcome back to week three. Today we will look at how plants turn \
sunlight into food, and why that matters for every living thing. Please post one question \
in the forum before Friday, and I will answer each of them in next week's video."
speak names en-us "Thank you Aroha and Nguyen, for sharing your stories with the class this \
morning."
speak lesson en-us "The water cycle has four parts. Water evaporates from the ocean, it \
condenses into clouds, and it falls again as rain or snow. Then it collects in rivers and \
lakes, or soaks into the ground. Try to spot each part on your walk home today."
# The demo's check-in "Week 2: Following a raindrop" plays it, captioned from its text.
mv lesson.ogg ../../../../demo/media/lesson.ogg
python3 -c 'import json; print(json.load(open("lesson.json"))["text"])' \
    > ../../../../demo/media/lesson.txt
# As a muted microphone or a noise gate gives: the pauses are exact digital zeros, which
# the aligner must cope with (see DECODER_OPTIONS in alignment.py). Lossless and undithered
# so that the zeros stay zeros.
python3 espeak_timed.py en-us "Notice where the water moves fast and where it seems to rest." \
    "$work/zeros.wav" zeros.json
sox -D "$work/zeros.wav" -r 16000 -c 1 -C 8 zeros.flac

speak german de "Guten Morgen zusammen. Heute sprechen wir über die Photosynthese und \
warum sie für alle Lebewesen so wichtig ist."

# Three seconds with no speech: a faint hiss, as a real microphone gives, not digital zero.
sox -n -r 16000 -c 1 -b 16 "$work/silence.wav" synth 3 whitenoise vol 0.002
sox "$work/silence.wav" -C 2 silence.ogg

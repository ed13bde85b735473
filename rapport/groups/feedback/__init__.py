"""Peer feedback inside a group: a learner shares a piece of work and asks for feedback in a
chosen structure, each groupmate answers, the author thanks each one; staff see who gave and
received feedback."""

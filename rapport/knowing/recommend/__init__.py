"""The resource library and picking resources for one learner.

``ranking`` and ``text`` are pure Python (no Django): they can be tested and reused alone.
"""

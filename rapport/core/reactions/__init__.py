"""Emoji reactions, one shape for every feature that lets people react: the emoji set
(``emoji``), the abstract model each feature's reaction table inherits (``models``), the
toggle (``services``) and the chips a page draws (``selectors``). The bar and its picker
are ``core/_reactions.html`` (drawn by ``core.templatetags.reactions``); their look is
``css/reactions.css``.

Core imports no feature app, so the feature passes its own model, target and course in."""

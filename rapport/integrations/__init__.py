"""Rapport inside the institution: three small apps, each with its own models and
migrations — ``lti`` (LTI 1.3 launch, deep linking, roster sync from the LMS), ``roster``
(class lists imported from CSV files and OneRoster) and ``api`` (the REST API and its
personal access tokens)."""

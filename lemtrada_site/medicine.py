"""Facts about the medicine that more than one app relies on (the story form and the planner)."""

# Lemtrada was licensed for MS in 2013; nobody can have had it before then.
FIRST_TREATMENT_YEAR = 2013

"""Academy writes, one module per entity: courses (and lessons, items), cohorts (enrolment, seats, attendance),
learning (progress, practice, evaluation), qualifications (certificates, requirements, agreements)."""

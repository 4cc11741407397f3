"""Academy: courses, cohorts, lessons, practice, evaluation, qualifications and certificates."""

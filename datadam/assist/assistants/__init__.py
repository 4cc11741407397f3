"""Built-in assistants: small models that run on a CPU and learn from a project's accepted labels.

They know nothing of Django: the app's services and the learning-curve benchmark (bench/learning_curve.py)
both use these same classes.
"""

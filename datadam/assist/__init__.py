"""Model-assisted labeling: built-in assistants, model backends and active learning."""

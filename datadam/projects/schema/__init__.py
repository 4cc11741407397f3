"""The label schema: a JSON document of controls, each validated and scored by its own module."""

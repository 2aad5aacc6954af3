"""vaplanner: a full-screen terminal planner for virtual assistants with clients worldwide."""

__version__ = "0.1.0"

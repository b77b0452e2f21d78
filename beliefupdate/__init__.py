"""beliefupdate: a journal of credences before and after the conversations that move them."""

__version__ = "0.1.0"

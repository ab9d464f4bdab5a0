"""Pure dataclasses and functions: no Qt, no I/O."""

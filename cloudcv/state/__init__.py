"""Reflex State classes: thin. Validate the payload, call a service off the loop, set vars."""

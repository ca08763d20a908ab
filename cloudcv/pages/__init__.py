"""What the user sees: declarative components, no logic, no DB."""

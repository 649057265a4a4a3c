"""Background jobs of Casting Hub: availability sync and calendar import."""

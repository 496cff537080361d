"""Schools, enterprises and the bureau: registration, verification, profiles."""

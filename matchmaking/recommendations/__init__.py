"""The web side of the recommender: adapts models to the pure engine, stores the
suggestions in the database (so every worker serves the same ones) and keeps them
fresh when items are published, edited or closed."""

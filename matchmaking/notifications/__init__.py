"""In-app notifications: the bell with an unread count, each linking to its object."""

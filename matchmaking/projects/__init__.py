"""Cooperation projects (合作项目): created by an accepted pairing, tracked to completion."""

"""What programmes and needs share: fields, lifecycle, search and the blueprint shape.

A programme (what a school offers) and a need (what an enterprise asks for) are the
two kinds of *posting*. Their common behaviour lives here once; `programmes` and
`needs` add only what differs.
"""

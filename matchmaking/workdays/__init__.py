"""Working days (工作日): the holiday table the bureau keeps, and counting time in working days."""

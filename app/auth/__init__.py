"""Staff accounts: teams, roles, sign-in, server-side sessions, access control and audit.

Later features protect their pages with :func:`app.auth.access.staff_required` and read
the signed-in person with :func:`app.auth.access.current_staff`; staff pages extend
``auth/staff_base.html`` to get the account bar with its sign-out button.
"""

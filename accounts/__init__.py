"""Accounts: the client's real address behind the proxy, login throttling, password change
and reset. Depends on Django and django-axes only (the user model through get_user_model)."""

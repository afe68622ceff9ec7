"""Running the site the way production does (`make run-prod`: ops/run_prod.py)."""

"""Production serving: several Streamlit processes behind nginx (``server.py --workers N``)."""

"""The Gradio web app: Bürgerinfo (public), Mitarbeitende (staff login), Redaktion (editor login)."""

"""Small rendering helpers shared by the pages (Streamlit lives here and in pages/, not in services/)."""

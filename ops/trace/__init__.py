"""The journey of one correlation id: what the pipeline stored, and locally what the functions logged."""

"""``python -m ops deploy-commands``: the gcloud commands that make what Terraform makes."""

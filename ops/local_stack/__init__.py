"""The local stack: official emulators, the topology from Terraform, and the functions served locally."""

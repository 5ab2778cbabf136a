"""Thin views, one module per area: public site, porteur space, files."""

"""Request and response shapes per resource: XCreate / XUpdate / XPublic / XsPublic."""

"""The views of the REST API, one module per kind of object; every one built on `api.views.base.ApiView`."""

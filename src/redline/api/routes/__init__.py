"""The API's routers, one module per resource; each route builds a query, calls the store or the library, and
shapes the answer."""

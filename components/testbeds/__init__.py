"""The testbed pages' pieces: `catalogue` (filters, cards, map and exports), `detail` (a testbed's public
page and its request form, "väg in"), `form` (the testbed editor of Testmiljöhantering) and `inbox` (the
owning organisation's requests)."""

"""Programme office: the data projects a programme funds, their consortia, budgets, plans and the commitments
measured from the work itself."""

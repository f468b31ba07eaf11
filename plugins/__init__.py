"""Built-in plugins: one module per unit of the plan (section 四), registered by default."""

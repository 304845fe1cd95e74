"""Reference fine-tuning recipes, one readable file per task (import name: bertdoctor.recipes)."""

"""Standards verification: the awarding body's check of a programme's assessment, per
academic year (control level, the verifier, the sample asked for and provided, the report and
its outcome, actions), the certification hold it puts on a blocked programme, and the
standards verifier's time-boxed, read-only view of exactly the sampled work."""

"""The monitor: integration outcomes per municipality and cohort, compared with peers, province and
country, without exposing anyone (issue 26; docs/monitor.md)."""

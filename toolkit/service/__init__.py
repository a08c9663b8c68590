"""The region's web service: the upload page, the submit and button API, the coordinator's dashboard."""

#!/bin/bash
export API_TOKEN="${token}"
export REGION="${region}"

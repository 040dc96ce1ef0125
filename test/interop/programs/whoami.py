# Prints the caller's ARN as boto3's default session resolves credentials.
# The STS endpoint comes from ARS_INTEROP_ENDPOINT (Debian's boto3 predates AWS_ENDPOINT_URL_*).
import os
import sys

import boto3

try:
    client = boto3.client('sts', region_name=os.environ.get('AWS_REGION') or 'us-east-1', endpoint_url=os.environ.get('ARS_INTEROP_ENDPOINT') or None)
    print(client.get_caller_identity()['Arn'])
except Exception as e:  # any failure is a cell's result, printed on one line
    print('ERROR: ' + ' '.join(str(e).split()))
    sys.exit(1)

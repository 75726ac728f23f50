"""A second, independent S3 client for S3Boto3InteropTest (Debian package python3-boto3).

Usage: boto3_client.py ENDPOINT BUCKET PREFIX READ_KEY PUT_KEY
Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY. Lists PREFIX, reads READ_KEY,
and puts a small CSV at PUT_KEY; prints one line per fact for the Java side to check.
"""
import sys

import boto3
from botocore.config import Config

endpoint, bucket, prefix, read_key, put_key = sys.argv[1:6]
s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                  config=Config(s3={"addressing_style": "path"}))
for obj in s3.list_objects_v2(Bucket=bucket, Prefix=prefix).get("Contents", []):
    print("KEY", obj["Key"], obj["Size"])
lines = s3.get_object(Bucket=bucket, Key=read_key)["Body"].read().decode("utf-8").splitlines()
print("LINES", len(lines))
print("HEADER", lines[0])
print("LAST", lines[-1])
s3.put_object(Bucket=bucket, Key=put_key, Body=b"id,name\n1,from-boto3\n2,also-boto3\n")
print("PUT", put_key)

/**
 * Expected values more than one stack must meet, with the rule each encodes. Kept here so the office, state and
 * marketplace tests assert the same thing the same way.
 */

/** The synthesized password policy: at least 12 characters with all four character classes (COG-001). */
export const STRONG_PASSWORD_POLICY = {
  minimum_length: 12,
  require_lowercase: true,
  require_uppercase: true,
  require_numbers: true,
  require_symbols: true,
  temporary_password_validity_days: 3,
};

/** A bucket policy that denies every request made without TLS (S3-004; AWS's aws:SecureTransport pattern). */
export function tlsOnlyPolicy(bucketArn: string): object {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  };
}

resource "aws_sqs_queue" "broken" {
  name = "oops
}

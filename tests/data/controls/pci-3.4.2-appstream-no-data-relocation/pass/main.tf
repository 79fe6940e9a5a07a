provider "aws" {
  region = "eu-west-1"
}

resource "aws_appstream_stack" "reports" {
  name = "reports"

  storage_connectors {
    connector_type = "HOMEFOLDERS"
  }

  user_settings {
    action     = "CLIPBOARD_COPY_FROM_LOCAL_DEVICE"
    permission = "ENABLED"
  }
  user_settings {
    action     = "CLIPBOARD_COPY_TO_LOCAL_DEVICE"
    permission = "DISABLED"
  }
  user_settings {
    action     = "FILE_UPLOAD"
    permission = "ENABLED"
  }
  user_settings {
    action     = "FILE_DOWNLOAD"
    permission = "DISABLED"
  }
  user_settings {
    action     = "PRINTING_TO_LOCAL_DEVICE"
    permission = "DISABLED"
  }

  tags = {
    DataClassification = "cardholder"
  }
}

resource "aws_appstream_stack" "disputes" {
  name = "disputes"

  dynamic "user_settings" {
    for_each = ["CLIPBOARD_COPY_TO_LOCAL_DEVICE", "FILE_DOWNLOAD", "PRINTING_TO_LOCAL_DEVICE"]
    content {
      action     = user_settings.value
      permission = "DISABLED"
    }
  }

  tags = {
    DataClassification = "cardholder"
  }
}

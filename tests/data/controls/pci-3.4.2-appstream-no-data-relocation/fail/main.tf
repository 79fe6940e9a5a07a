provider "aws" {
  region = "eu-west-1"
}

# No user settings: AWS enables every action.
resource "aws_appstream_stack" "reports" {
  name = "reports"

  tags = {
    DataClassification = "cardholder"
  }
}

resource "aws_appstream_stack" "support" {
  name = "support"

  user_settings {
    action     = "CLIPBOARD_COPY_TO_LOCAL_DEVICE"
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

# Everything disabled, but session files sync to Google Drive.
resource "aws_appstream_stack" "disputes" {
  name = "disputes"

  storage_connectors {
    connector_type = "GOOGLE_DRIVE"
    domains        = ["example.com"]
  }

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

# Not tagged as part of the cardholder data environment: not judged.
resource "aws_appstream_stack" "training" {
  name = "training"
}

"""Small widgets that display what they are given and post messages when the user acts."""

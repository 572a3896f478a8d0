//! A small element tree for one UN record (`<INDIVIDUAL>` or `<ENTITY>`).
//!
//! The file is streamed record by record; each record is small (a few dozen elements), so
//! holding one as a tree keeps the field mapping readable without loading the whole list.

/// One XML element: its name, its own text (whitespace collapsed) and its children.
#[derive(Debug, Default)]
pub(crate) struct Node {
    pub name: String,
    pub text: String,
    pub children: Vec<Node>,
}

impl Node {
    pub fn new(name: String) -> Node {
        Node {
            name,
            ..Node::default()
        }
    }

    /// Children with this element name, in document order.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The text of the first child with this name, if it has any.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.children
            .iter()
            .find(|c| c.name == name && !c.text.is_empty())
            .map(|c| c.text.as_str())
    }

    /// True when neither this element nor any descendant carries text.
    pub fn is_blank(&self) -> bool {
        self.text.is_empty() && self.children.iter().all(Node::is_blank)
    }

    /// Collapses runs of whitespace (values in the file wrap across lines) and trims.
    pub fn finish_text(&mut self) {
        if self.text.is_empty() {
            return;
        }
        let mut out = String::with_capacity(self.text.len());
        for word in self.text.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
        self.text = out;
    }
}

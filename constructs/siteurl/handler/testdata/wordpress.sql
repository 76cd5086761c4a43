-- The WordPress 6.x core schema (wp-admin/includes/schema.php, single site) and the rows a fresh
-- install writes, with {prefix} for the table prefix and {url} for the old instance's address.

CREATE TABLE {prefix}termmeta (
  meta_id bigint(20) unsigned NOT NULL auto_increment,
  term_id bigint(20) unsigned NOT NULL default '0',
  meta_key varchar(255) default NULL,
  meta_value longtext,
  PRIMARY KEY  (meta_id),
  KEY term_id (term_id),
  KEY meta_key (meta_key(191))
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci;
CREATE TABLE {prefix}terms (
 term_id bigint(20) unsigned NOT NULL auto_increment,
 name varchar(200) NOT NULL default '',
 slug varchar(200) NOT NULL default '',
 term_group bigint(10) NOT NULL default 0,
 PRIMARY KEY  (term_id),
 KEY slug (slug(191)),
 KEY name (name(191))
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci;
CREATE TABLE {prefix}term_taxonomy (
 term_taxonomy_id bigint(20) unsigned NOT NULL auto_increment,
 term_id bigint(20) unsigned NOT NULL default 0,
 taxonomy varchar(32) NOT NULL default '',
 description longtext NOT NULL,
 parent bigint(20) unsigned NOT NULL default 0,
 count bigint(20) NOT NULL default 0,
 PRIMARY KEY  (term_taxonomy_id),
 UNIQUE KEY term_id_taxonomy (term_id,taxonomy),
 KEY taxonomy (taxonomy)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci;
CREATE TABLE {prefix}term_relationships (
 object_id bigint(20) unsigned NOT NULL default 0,
 term_taxonomy_id bigint(20) unsigned NOT NULL default 0,
 term_order int(11) NOT NULL default 0,
 PRIMARY KEY  (object_id,term_taxonomy_id),
 KEY term_taxonomy_id (term_taxonomy_id)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci;
CREATE TABLE {prefix}commentmeta (
  meta_id bigint(20) unsigned NOT NULL auto_increment,
  comment_id bigint(20) unsigned NOT NULL default '0',
  meta_key varchar(255) default NULL,
  meta_value longtext,
  PRIMARY KEY  (meta_id),
  KEY comment_id (comment_id),
  KEY meta_key (meta_key(191))
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci;
CREATE TABLE {prefix}comments (
  comment_ID bigint(20) unsigned NOT NULL auto_increment,
  comment_post_ID bigint(20) unsigned NOT NULL default '0',
  comment_author tinytext NOT NULL,
  comment_author_email varchar(100) NOT NULL default '',
  comment_author_url varchar(200) NOT NULL default '',
  comment_author_IP varchar(100) NOT NULL default '',
  comment_date datetime NOT NULL default '0000-00-00 00:00:00',
  comment_date_gmt datetime NOT NULL default '0000-00-00 00:00:00',
  comment_content text NOT NULL,
  comment_karma int(11) NOT NULL default '0',
  comment_approved varchar(20) NOT NULL default '1',
  comment_agent varchar(255) NOT NULL default '',
  comment_type varchar(20) NOT NULL default 'comment',
  comment_parent bigint(20) unsigned NOT NULL default '0',
  user_id bigint(20) unsigned NOT NULL default '0',
  PRIMARY KEY  (comment_ID),
  KEY comment_post_ID (comment_post_ID),
  KEY comment_approved_date_gmt (comment_approved,comment_date_gmt),
  KEY comment_date_gmt (comment_date_gmt),
  KEY comment_parent (comment_parent),
  KEY comment_author_email (comment_author_email(10))
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci;
CREATE TABLE {prefix}links (
  link_id bigint(20) unsigned NOT NULL auto_increment,
  link_url varchar(255) NOT NULL default '',
  link_name varchar(255) NOT NULL default '',
  link_image varchar(255) NOT NULL default '',
  link_target varchar(25) NOT NULL default '',
  link_description varchar(255) NOT NULL default '',
  link_visible varchar(20) NOT NULL default 'Y',
  link_owner bigint(20) unsigned NOT NULL default '1',
  link_rating int(11) NOT NULL default '0',
  link_updated datetime NOT NULL default '0000-00-00 00:00:00',
  link_rel varchar(255) NOT NULL default '',
  link_notes mediumtext NOT NULL,
  link_rss varchar(255) NOT NULL default '',
  PRIMARY KEY  (link_id),
  KEY link_visible (link_visible)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci;
CREATE TABLE {prefix}options (
  option_id bigint(20) unsigned NOT NULL auto_increment,
  option_name varchar(191) NOT NULL default '',
  option_value longtext NOT NULL,
  autoload varchar(20) NOT NULL default 'yes',
  PRIMARY KEY  (option_id),
  UNIQUE KEY option_name (option_name),
  KEY autoload (autoload)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci;
CREATE TABLE {prefix}postmeta (
  meta_id bigint(20) unsigned NOT NULL auto_increment,
  post_id bigint(20) unsigned NOT NULL default '0',
  meta_key varchar(255) default NULL,
  meta_value longtext,
  PRIMARY KEY  (meta_id),
  KEY post_id (post_id),
  KEY meta_key (meta_key(191))
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci;
CREATE TABLE {prefix}posts (
  ID bigint(20) unsigned NOT NULL auto_increment,
  post_author bigint(20) unsigned NOT NULL default '0',
  post_date datetime NOT NULL default '0000-00-00 00:00:00',
  post_date_gmt datetime NOT NULL default '0000-00-00 00:00:00',
  post_content longtext NOT NULL,
  post_title text NOT NULL,
  post_excerpt text NOT NULL,
  post_status varchar(20) NOT NULL default 'publish',
  comment_status varchar(20) NOT NULL default 'open',
  ping_status varchar(20) NOT NULL default 'open',
  post_password varchar(255) NOT NULL default '',
  post_name varchar(200) NOT NULL default '',
  to_ping text NOT NULL,
  pinged text NOT NULL,
  post_modified datetime NOT NULL default '0000-00-00 00:00:00',
  post_modified_gmt datetime NOT NULL default '0000-00-00 00:00:00',
  post_content_filtered longtext NOT NULL,
  post_parent bigint(20) unsigned NOT NULL default '0',
  guid varchar(255) NOT NULL default '',
  menu_order int(11) NOT NULL default '0',
  post_type varchar(20) NOT NULL default 'post',
  post_mime_type varchar(100) NOT NULL default '',
  comment_count bigint(20) NOT NULL default '0',
  PRIMARY KEY  (ID),
  KEY post_name (post_name(191)),
  KEY type_status_date (post_type,post_status,post_date,ID),
  KEY post_parent (post_parent),
  KEY post_author (post_author)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci;
CREATE TABLE {prefix}users (
  ID bigint(20) unsigned NOT NULL auto_increment,
  user_login varchar(60) NOT NULL default '',
  user_pass varchar(255) NOT NULL default '',
  user_nicename varchar(50) NOT NULL default '',
  user_email varchar(100) NOT NULL default '',
  user_url varchar(100) NOT NULL default '',
  user_registered datetime NOT NULL default '0000-00-00 00:00:00',
  user_activation_key varchar(255) NOT NULL default '',
  user_status int(11) NOT NULL default '0',
  display_name varchar(250) NOT NULL default '',
  PRIMARY KEY  (ID),
  KEY user_login_key (user_login),
  KEY user_nicename (user_nicename),
  KEY user_email (user_email)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci;
CREATE TABLE {prefix}usermeta (
  umeta_id bigint(20) unsigned NOT NULL auto_increment,
  user_id bigint(20) unsigned NOT NULL default '0',
  meta_key varchar(255) default NULL,
  meta_value longtext,
  PRIMARY KEY  (umeta_id),
  KEY user_id (user_id),
  KEY meta_key (meta_key(191))
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci;

INSERT INTO {prefix}options (option_name, option_value, autoload) VALUES
('siteurl', '{url}', 'on'),
('home', '{url}', 'on'),
('blogname', 'My WordPress Site', 'on'),
('blogdescription', '', 'on'),
('users_can_register', '0', 'on'),
('admin_email', 'admin@example.com', 'on'),
('start_of_week', '1', 'on'),
('use_balanceTags', '0', 'on'),
('use_smilies', '1', 'on'),
('require_name_email', '1', 'on'),
('comments_notify', '1', 'on'),
('posts_per_rss', '10', 'on'),
('rss_use_excerpt', '0', 'on'),
('mailserver_url', 'mail.example.com', 'on'),
('mailserver_login', 'login@example.com', 'on'),
('mailserver_pass', '', 'on'),
('mailserver_port', '110', 'on'),
('default_category', '1', 'on'),
('default_comment_status', 'open', 'on'),
('default_ping_status', 'open', 'on'),
('default_pingback_flag', '1', 'on'),
('posts_per_page', '10', 'on'),
('date_format', 'F j, Y', 'on'),
('time_format', 'g:i a', 'on'),
('links_updated_date_format', 'F j, Y g:i a', 'on'),
('comment_moderation', '0', 'on'),
('moderation_notify', '1', 'on'),
('permalink_structure', '/%year%/%monthnum%/%day%/%postname%/', 'on'),
('rewrite_rules', '', 'on'),
('hack_file', '0', 'on'),
('blog_charset', 'UTF-8', 'on'),
('moderation_keys', '', 'off'),
('active_plugins', 'a:1:{i:0;s:43:"amazon-s3-and-cloudfront/wordpress-s3.php";}', 'on'),
('category_base', '', 'on'),
('ping_sites', 'https://rpc.pingomatic.com/', 'on'),
('comment_max_links', '2', 'on'),
('gmt_offset', '0', 'on'),
('template', 'twentytwentyfive', 'on'),
('stylesheet', 'twentytwentyfive', 'on'),
('comment_registration', '0', 'on'),
('html_type', 'text/html', 'on'),
('default_role', 'subscriber', 'on'),
('db_version', '58975', 'on'),
('uploads_use_yearmonth_folders', '1', 'on'),
('upload_path', '', 'on'),
('blog_public', '1', 'on'),
('show_on_front', 'posts', 'on'),
('thumbnail_size_w', '150', 'on'),
('thumbnail_size_h', '150', 'on'),
('medium_size_w', '300', 'on'),
('medium_size_h', '300', 'on'),
('large_size_w', '1024', 'on'),
('large_size_h', '1024', 'on'),
('timezone_string', '', 'on'),
('page_for_posts', '0', 'on'),
('page_on_front', '0', 'on'),
('site_icon', '0', 'on'),
('wp_page_for_privacy_policy', '3', 'on'),
('admin_email_lifespan', '1796428800', 'on'),
('initial_db_version', '58975', 'on'),
('wp_user_roles', 'a:1:{s:13:"administrator";a:2:{s:4:"name";s:13:"Administrator";s:12:"capabilities";a:1:{s:14:"manage_options";b:1;}}}', 'on'),
('fresh_site', '0', 'off'),
('tantan_wordpress_s3', 'a:2:{s:6:"bucket";s:13:"example-media";s:6:"region";s:9:"us-east-1";}', 'on');

INSERT INTO {prefix}users (user_login, user_pass, user_nicename, user_email, user_url, user_registered, display_name) VALUES
('admin', '$wp$2y$10$abcdefghijklmnopqrstuv', 'admin', 'admin@example.com', '{url}', '2026-11-30 10:00:00', 'admin');
INSERT INTO {prefix}usermeta (user_id, meta_key, meta_value) VALUES
(1, 'nickname', 'admin'), (1, '{prefix}capabilities', 'a:1:{s:13:"administrator";b:1;}'), (1, '{prefix}user_level', '10');
INSERT INTO {prefix}terms (name, slug) VALUES ('Uncategorized', 'uncategorized');
INSERT INTO {prefix}term_taxonomy (term_id, taxonomy, description, count) VALUES (1, 'category', '', 1);
INSERT INTO {prefix}term_relationships (object_id, term_taxonomy_id) VALUES (1, 1);
INSERT INTO {prefix}posts (post_author, post_date, post_date_gmt, post_content, post_title, post_excerpt, post_name, to_ping, pinged, post_modified, post_modified_gmt, post_content_filtered, guid) VALUES
(1, '2026-11-30 10:00:00', '2026-11-30 10:00:00', '<!-- wp:paragraph --><p>Welcome to WordPress. This is your first post.</p><!-- /wp:paragraph -->', 'Hello world!', '', 'hello-world', '', '', '2026-11-30 10:00:00', '2026-11-30 10:00:00', '', '{url}/?p=1');
INSERT INTO {prefix}comments (comment_post_ID, comment_author, comment_author_email, comment_author_url, comment_date, comment_date_gmt, comment_content) VALUES
(1, 'A WordPress Commenter', 'wapuu@wordpress.example', 'https://wordpress.org/', '2026-11-30 10:00:00', '2026-11-30 10:00:00', 'Hi, this is a comment.');
